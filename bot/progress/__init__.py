"""Per-user study progress: answers, spaced-repetition cards, quiz rounds, reminders."""
