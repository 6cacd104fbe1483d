"""A loopback copy of the kinds of sites ofsted-watch reads, for the demo and the tests."""
