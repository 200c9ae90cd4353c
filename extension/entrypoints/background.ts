import { defineBackground } from '#imports';

// The background worker: live scoring and caching are added by the extension work.
export default defineBackground(() => {});
