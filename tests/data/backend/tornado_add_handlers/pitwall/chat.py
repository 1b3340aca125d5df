from pitwall.feeds import ChatFeed


def race_control(text):
    for member in ChatFeed.members:
        member.write_message({"event": "chat", "from": "race control", "text": text})
