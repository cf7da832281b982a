"""Write side of the study assistant: load documents, split them, embed them, keep them in Chroma."""
