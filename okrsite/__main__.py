from okrsite.entry import main  # first: Ctrl-C is handled from here on

raise SystemExit(main())
