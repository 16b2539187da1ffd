class Archive:
    def __init__(self, base="/var/archive"):
        self.base = base

    def read(self, name):
        with open(self.base + "/" + name) as handle:
            return handle.read()


archive = Archive()
