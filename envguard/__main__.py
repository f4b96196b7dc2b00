from envguard.cli import main_entry

main_entry()
