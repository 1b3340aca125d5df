export interface AppSettings {
    url: string;
    signup: boolean;
    build: { sha: string; date: string };
}

declare global {
    interface Window {
        appSettings?: Partial<AppSettings>;
    }
}

const settings: AppSettings = {
    url: 'unset',
    signup: false,
    build: { sha: 'dev', date: 'unknown' },
    ...window.appSettings,
};

export function set<Key extends keyof AppSettings>(key: Key, value: AppSettings[Key]): void {
    settings[key] = value;
}

export function get<Key extends keyof AppSettings>(key: Key): AppSettings[Key] {
    return settings[key];
}
