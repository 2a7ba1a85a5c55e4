"""The helper console: the screens a signed-in station helper uses (issue 13)."""
