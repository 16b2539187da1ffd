"""A maintenance script whose commands are picked by name on the command line."""
import argparse
import os

COMMANDS = ("update_catalogs", "lang_stats")
STEPS = sorted(os.listdir("steps"))


def update_catalogs(resources, languages):
    print("updating", resources, languages)


def lang_stats(resources, languages):
    print("stats", resources, languages)


def main():
    parser = argparse.ArgumentParser(description="translation maintenance")
    parser.add_argument("cmd", nargs=1, choices=["update_catalogs", "lang_stats"])
    parser.add_argument("--output-format", choices=("po", "mo"), default="po")
    parser.add_argument("--level", dest="verbosity", choices=["quiet", "loud"])
    parser.add_argument("-r", "--resources", action="append")
    parser.add_argument("--hook")
    options = parser.parse_args()
    # The parser rejects any other value: the command is one of two names.
    # ok: python.eval-exec
    eval(options.cmd[0])(options.resources, options.verbosity)
    # ruleid: python.eval-exec
    eval(options.hook)
    # ok: python.os-system
    os.system("msgfmt --format=" + options.output_format)
    # ok: python.os-system
    os.system("msgfmt --" + options.verbosity)
    # ruleid: python.os-system
    os.system("msgfmt " + options.resources[0])


def two_parsers():
    strict = argparse.ArgumentParser()
    strict.add_argument("--target", choices=["fast", "full"])
    loose = argparse.ArgumentParser()
    loose.add_argument("--target")
    args = loose.parse_args()
    # One declaration of `--target` takes any value: it is not one of the choices.
    # ruleid: python.eval-exec
    eval(args.target)


def computed_choices(names):
    parser = argparse.ArgumentParser()
    parser.add_argument("--action", choices=names)
    args = parser.parse_args()
    # ruleid: python.eval-exec
    eval(args.action)


def named_choices():
    parser = argparse.ArgumentParser()
    parser.add_argument("job", choices=COMMANDS)
    parser.add_argument("--step", choices=STEPS)
    args = parser.parse_args()
    # `COMMANDS` is bound to literals only: the job is one of them.
    # ok: python.eval-exec
    eval(args.job)([], [])
    # `STEPS` lists a directory: the choices are data, not the program's.
    # ruleid: python.eval-exec
    eval(args.step)
