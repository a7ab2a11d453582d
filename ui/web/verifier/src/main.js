import './engine.js';
