"""Pages of the green-mine list: reviews and opinions, notices and objections, the list, public pages."""
