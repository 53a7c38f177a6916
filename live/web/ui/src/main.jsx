// Entry point of the bundle (assets/app-<hash>.js and its stylesheet).
import { render } from 'preact';
import { App } from './App.jsx';
import './styles.css';

render(<App />, document.getElementById('app'));
