import { familyGoldenSuite } from '@netstat-ts/core/testing';
import plugin from '../src/index.js';

familyGoldenSuite({ plugin, family: 'ax25', title: 'Active AX.25 sockets', prefixes: ['ax25-'] });
