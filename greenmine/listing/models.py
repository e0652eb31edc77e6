"""The green-mine list (绿色矿山名录): review with department opinions, public notice (公示) with
objections, recommendation, listing and delisting.
"""
