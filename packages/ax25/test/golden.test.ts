import plugin from '../src/index.js';
import { goldenSuite } from './golden.js';

goldenSuite({ plugin, family: 'ax25', title: 'Active AX.25 sockets', prefixes: ['ax25-'] });
