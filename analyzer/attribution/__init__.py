"""Who and what a text is about: the team it names, and the kind of person who wrote it."""
