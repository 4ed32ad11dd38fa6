from tui.entry import main

raise SystemExit(main())
