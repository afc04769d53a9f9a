"""What notification decides, without I/O: which messages events call for, to whom, over which channel."""
