/** True when `.next` holds no production build or any input of the admin app changed after it was made. */
export function needsBuild(appDir: string): boolean;
