from bot.web.app import main

main()
