from reelhub.live import Notice as LiveNotice


def search_done(show, episodes):
    LiveNotice(
        "searchFinished",
        {"show": show.slug, "found": len(episodes)},
    ).push()
