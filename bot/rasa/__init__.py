"""Rasa plumbing: the server with its patches, the runner and training, tracker and lock stores."""
