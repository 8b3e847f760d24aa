// Progress that updates by itself where the page has no interactive connection (rendered statically,
// before the Blazor circuit starts, or when it cannot start). Every element marked data-poll-active
// is re-read from the server's rendering of the same page every two seconds and swapped in place;
// the user's page is not reloaded. An element that the interactive renderer owns carries
// data-interactive and is left alone: the circuit updates it. Polling stops when no element is
// active (the server renders the finished state without data-poll-active).
(() => {
    const every = 2000;
    const active = () => [...document.querySelectorAll('[data-poll][data-poll-active]')].filter(e => !e.hasAttribute('data-interactive'));

    async function tick() {
        const waiting = active();
        if (waiting.length > 0) {
            try {
                const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } });
                if (response.ok) {
                    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
                    for (const element of waiting) {
                        // The interactive renderer may have taken the element over while the page was fetched.
                        if (!element.isConnected || element.hasAttribute('data-interactive')) {
                            continue;
                        }

                        const replacement = fresh.querySelector(`[data-poll="${CSS.escape(element.dataset.poll)}"]`);
                        if (replacement) {
                            element.replaceWith(document.importNode(replacement, true));
                        } else {
                            element.remove();
                        }
                    }
                }
            } catch {
                // Offline for a moment: try again at the next tick.
            }
        }

        setTimeout(tick, every);
    }

    setTimeout(tick, every);
})();
