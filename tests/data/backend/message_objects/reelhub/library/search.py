from reelhub import live


def search_done(show, episodes):
    live.Notice(
        "searchFinished",
        {"show": show.slug, "found": len(episodes)},
    ).push()
