from pkledger.cli import main

main()
