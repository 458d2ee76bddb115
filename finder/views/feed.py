"""The public Meeting Guide feed of every meeting, at /meetings.json."""

from flask import Blueprint

bp = Blueprint("feed", __name__)
