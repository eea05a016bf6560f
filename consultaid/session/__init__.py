"""The rules of a live consultation, without Qt: which steps are done, what the person at the
screen may do, and where a save goes. The window asks these; it decides none of them itself.
"""
