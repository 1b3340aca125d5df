export default {
    namespaced: true,
    state: () => ({ entries: [] }),
    actions: {
        // given a part of a feed message (its body), not the message
        add({ state }, entry) {
            if (entry.crop === 'basil') entry.shelfLife = 7;
            else if (entry.crop === 'lettuce') entry.shelfLife = 10;
            state.entries.push(entry);
        },
    },
};
