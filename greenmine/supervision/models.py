"""Supervision (监管): annual self-checks, random spot checks (双随机一公开) and rectification orders
(整改).
"""
