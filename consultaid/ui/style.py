"""The window's style sheet in one place: pages set object names and properties; this colours
them."""

STYLE = """
#messageBar[kind="error"] { border: 2px solid #b3261e; background: #fdecea; }
#messageBar[kind="info"] { border: 1px solid #1b5e20; background: #edf7ed; }
#verdictBanner[verdict="may_proceed"] { border: 2px solid #1b5e20; background: #edf7ed; }
#verdictBanner[verdict="needs_review"] { border: 2px solid #8a6d00; background: #fff8e1; }
#verdictBanner[verdict="deferred"] { border: 2px solid #8a4b00; background: #fff1e0; }
#verdictBanner[verdict="not_eligible"] { border: 2px solid #b3261e; background: #fdecea; }
#inlineError { color: #b3261e; }
"""
