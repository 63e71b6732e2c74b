"""Every data-testid selector the browser tests use, in one place."""

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stPlotlyChart"]'
CHART_POINT = '[data-testid="stPlotlyChart"] .scatterlayer .point'
MULTISELECT = '[data-testid="stMultiSelect"]'
SELECTBOX = '[data-testid="stSelectbox"]'
DATAFRAME = '[data-testid="stDataFrame"]'
DOWNLOAD_BUTTON = '[data-testid="stDownloadButton"] button'
ALERT = '[data-testid="stAlert"]'
SUBHEADER = '[data-testid="stHeading"]'
CODE = '[data-testid="stCode"] code'
HOVER_CARD = ".hoverlayer .hovertext"
