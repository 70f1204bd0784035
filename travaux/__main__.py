from travaux.cli import main

main()
