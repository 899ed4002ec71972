/** Ready network configurations with Hebbian layers (hybrid MLPs; convolutional nets follow). */
package org.hebbian4j.zoo;
