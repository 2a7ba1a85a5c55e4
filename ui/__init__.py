"""The PySide6 Widgets front end: one module a screen, thin over the core.

Every Qt name comes through `ui.qt`.  Screens draw what the core's session
says and call its methods on touches; they hold no business rules.
"""
