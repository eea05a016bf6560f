"""Who is at the screen: the access page, the access model and controller (sign-in, lock,
idle lock), and the accounts dialogs."""
