"""Date and number formats per language (FORMAT_MODULE_PATH), where Django's differ from ours.

English is "en" in URLs and <html lang>, but written the British way, as before
the site had languages: dates typed 04/09/2017 are 4 September (Django's own "en"
formats would read 9 April).
"""
