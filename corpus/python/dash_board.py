import os

import dash
from dash import html

app = dash.Dash(__name__)
app.layout = html.Div("metrics")

if __name__ == "__main__":
    # ruleid: python.flask-debug-exposed
    app.run_server(debug=True, host="0.0.0.0", port=8050)
    # ruleid: python.flask-debug
    app.run_server(debug=True, port=8050)
    # ok: python.flask-debug, python.flask-debug-exposed
    app.run_server(debug=os.environ.get("DASH_DEBUG") == "1", host="0.0.0.0")
