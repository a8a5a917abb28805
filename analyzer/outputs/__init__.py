"""What a run leaves behind: data files, the chart, the HTML report, summary.json and the terminal summary."""
