import plugin from '../src/index.js';
import { goldenSuite } from './golden.js';

goldenSuite({ plugin, family: 'netrom', title: 'Active NET/ROM sockets', prefixes: ['netrom-'] });
