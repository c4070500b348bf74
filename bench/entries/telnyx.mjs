// Size entry: one SMS verification start + check.
import { make } from '../impls/telnyx.mjs';
console.log(await make('https://api.telnyx.com/v2')('12345'));
