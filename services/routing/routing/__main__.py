from complaints_chassis.serve import serve

from .config import RoutingSettings
from .main import create_app

serve(create_app, RoutingSettings)
