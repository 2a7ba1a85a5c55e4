"""One module a screen of the resident's journey; each builds its widgets fresh from the session."""
