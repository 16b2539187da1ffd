import subprocess


def render_invoice(template):
    # ruleid: python.subprocess-shell
    return subprocess.run("wkhtmltopdf " + template + " out.pdf", shell=True)
