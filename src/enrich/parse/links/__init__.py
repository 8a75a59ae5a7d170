"""Link recognition: URL helpers and each link's role from its URL and label together."""
