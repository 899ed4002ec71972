/** Small numeric helpers shared by rules and layers. */
package org.hebbian4j.util;
