"""Time: the one clock a build judges by, reading reveal dates, and the schedule of pages.

Imports the standard library, dateutil and babel only: it runs without MkDocs.
"""
