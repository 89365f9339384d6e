"""The Dunbar layers, ties and the weekly plan as stored, and the week's gift's inputs."""
