// Each page's title and language come from _locales, as its words do (an HTML file has no
// __MSG__ of its own): the language of the messages the browser chose, not its own.
document.documentElement.lang = chrome.i18n.getMessage('lang');
document.title = chrome.i18n.getMessage(document.documentElement.dataset.title);
