"""Placing records in time: on the match clock by words, position or posting time; the stream's lag, spikes, shifts and per-minute series."""
