"""Read side of the study assistant: settings, retrieval, answering, and the CLI and Telegram channels."""
