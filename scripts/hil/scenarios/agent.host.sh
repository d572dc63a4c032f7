# Host side of agent.sh: each screendump shows the status colour of the state the agent reported
# (sampled in the status pane's margin), at the display's full 1280x800.
python3 "$(dirname "$0")/../compare-png.py" --status-colours "$1" agent-due=C2570C agent-in-use=B3261E agent-released=3F5F8A agent-cleaned=0F7A78
