"""The consultation's steps: the step list and the pages a physician works through
(patient, screening, condition, expectations, follow-up, handout), and their parts."""
