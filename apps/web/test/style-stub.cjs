module.exports = '/styles.css';
